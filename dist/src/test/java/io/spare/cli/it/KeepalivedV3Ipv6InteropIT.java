package io.spare.cli.it;

/** {@link KeepalivedInteropScenarios} with VRRPv3 over IPv6, advert_int 100ms. */
class KeepalivedV3Ipv6InteropIT extends KeepalivedInteropScenarios {
    @Override
    Flavor flavor() {
        return Flavor.V3_IPV6;
    }
}
