package io.spare.cli.it;

/** {@link SpareFailoverScenarios} with VRRPv2, PASS authentication, advert_int 1s, multicast. */
class SpareV2PassFailoverIT extends SpareFailoverScenarios {
    @Override
    Flavor flavor() {
        return Flavor.V2_PASS;
    }
}
