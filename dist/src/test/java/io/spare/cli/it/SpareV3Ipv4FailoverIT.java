package io.spare.cli.it;

/** {@link SpareFailoverScenarios} with VRRPv3 over IPv4, advert_int 100ms, multicast. */
class SpareV3Ipv4FailoverIT extends SpareFailoverScenarios {
    @Override
    Flavor flavor() {
        return Flavor.V3_IPV4;
    }
}
