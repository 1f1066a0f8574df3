package io.spare.cli.it;

/** {@link SpareFailoverScenarios} with VRRPv3 over IPv4 unicast (unicast_src_ip/unicast_peer) with IPv4 multicast dropped by nftables, advert_int 100ms. */
class SpareV3UnicastFailoverIT extends SpareFailoverScenarios {
    @Override
    Flavor flavor() {
        return Flavor.V3_UNICAST;
    }
}
