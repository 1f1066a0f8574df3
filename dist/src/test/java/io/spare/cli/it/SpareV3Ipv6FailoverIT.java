package io.spare.cli.it;

/** {@link SpareFailoverScenarios} with VRRPv3 over IPv6 (fd99::200, link-local sources), advert_int 100ms. */
class SpareV3Ipv6FailoverIT extends SpareFailoverScenarios {
    @Override
    Flavor flavor() {
        return Flavor.V3_IPV6;
    }
}
