package io.spare.cli.it;

/** {@link KeepalivedInteropScenarios} with VRRPv3 over IPv4, advert_int 100ms. */
class KeepalivedV3Ipv4InteropIT extends KeepalivedInteropScenarios {
    @Override
    Flavor flavor() {
        return Flavor.V3_IPV4;
    }
}
