package io.scstbus.rewards.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the build version from the jar manifest, or "development" when run from classes. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"scst-bus " + (version == null ? "development" : version)};
    }
}
