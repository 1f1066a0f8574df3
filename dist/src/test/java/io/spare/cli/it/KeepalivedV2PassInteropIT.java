package io.spare.cli.it;

/** {@link KeepalivedInteropScenarios} with VRRPv2 with PASS authentication, advert_int 1s. */
class KeepalivedV2PassInteropIT extends KeepalivedInteropScenarios {
    @Override
    Flavor flavor() {
        return Flavor.V2_PASS;
    }
}
