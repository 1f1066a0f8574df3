package io.spare.cli;

import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Spare.class.getPackage().getImplementationVersion();
        return new String[] {"spare " + (version == null ? "(development build)" : version)};
    }
}
