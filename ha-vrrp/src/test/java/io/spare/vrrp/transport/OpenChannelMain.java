package io.spare.vrrp.transport;

import io.spare.api.AddressFamily;
import io.spare.api.AdvertListener;
import io.spare.api.Advertisement;
import io.spare.api.Authentication;
import io.spare.api.ChannelSpec;
import io.spare.api.VrrpChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Opens one channel on eth0 and reports the outcome: run by ITs under reduced privileges. */
public final class OpenChannelMain {
    private OpenChannelMain() {}

    public static void main(String[] args) {
        ChannelSpec spec = new ChannelSpec("VI_P", "eth0", AddressFamily.IPV4, 1, 3, Authentication.NONE, Duration.ofSeconds(1),
                Optional.empty(), List.of(), List.of());
        try (RawSocketAdvertTransport transport = new RawSocketAdvertTransport();
                VrrpChannel channel = transport.open(spec, new AdvertListener() {
                    @Override
                    public void onAdvert(Advertisement advertisement, InetAddress source) {}
                })) {
            System.out.println("OPENED " + channel.sourceAddress().getHostAddress());
        } catch (IOException e) {
            System.out.println("ERROR " + e.getMessage());
            System.exit(2);
        }
    }
}
