package nautilus.autoupdate.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the tool's version from the jar manifest (or the build's properties in development). */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = VersionProvider.class.getPackage().getImplementationVersion();
    if (v == null) {
      try (var in = VersionProvider.class.getResourceAsStream("/nautilus-autoupdate.properties")) {
        if (in != null) {
          var p = new java.util.Properties();
          p.load(in);
          v = p.getProperty("version");
        }
      } catch (java.io.IOException e) {
        v = null;
      }
    }
    return new String[] {"nautilus-autoupdate " + (v == null ? "dev" : v)};
  }
}
