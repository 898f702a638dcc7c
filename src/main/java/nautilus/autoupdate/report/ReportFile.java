package nautilus.autoupdate.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nautilus.autoupdate.AtomicFiles;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.impact.ImpactReport;

/**
 * The last impact report, saved as JSON in the state directory so later stages (update, agent,
 * notify) read what check found instead of analysing again.
 */
public final class ReportFile {
  public static final String NAME = "impact-report.json";

  private ReportFile() {}

  /** Writes the report atomically (temp file in the same folder, then a rename) and returns it. */
  public static Path write(Path stateDir, ImpactReport report) {
    Path target = stateDir.resolve(NAME);
    try {
      Files.createDirectories(stateDir);
    } catch (IOException e) {
      throw new UserError("cannot write " + target + ": " + e.getMessage(), e);
    }
    AtomicFiles.write(target, new JsonReport().render(report));
    return target;
  }

  /** Reads a saved report; a missing or malformed file is a one-line error naming it. */
  public static ImpactReport read(Path stateDir) {
    Path file = stateDir.resolve(NAME);
    if (!Files.isRegularFile(file)) {
      throw new UserError(
          file + ": no saved impact report (run 'nautilus-autoupdate check' first)");
    }
    try {
      return Json.mapper().readValue(file.toFile(), ImpactReport.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UserError(
          file
              + ":"
              + e.getLocation().getLineNr()
              + ": not an impact report ("
              + e.getOriginalMessage()
              + ")",
          e);
    } catch (IOException e) {
      throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
