package nautilus.autoupdate.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import nautilus.autoupdate.AtomicFiles;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.Nesting;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.impact.ImpactReport;

/**
 * The last impact report, saved as JSON in the state directory so later stages (update, agent,
 * notify) read what check found instead of analysing again.
 */
public final class ReportFile {
  public static final String NAME = "impact-report.json";

  private static final String EXPECTED =
      "not an impact report (expected an impact report as 'check --format json' writes it)";

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

  /**
   * Reads the report saved in {@code stateDir}; a missing or malformed file is a one-line error.
   */
  public static ImpactReport read(Path stateDir) {
    Path file = stateDir.resolve(NAME);
    if (!Files.isRegularFile(file)) {
      throw new UserError(
          file + ": no saved impact report (run 'nautilus-autoupdate check' first)");
    }
    return readFile(file);
  }

  /**
   * Reads a report written by {@code check --format json} (enum values in any case); a missing or
   * malformed file is a one-line error naming it and the line.
   */
  @SuppressWarnings("deprecation") // the builder equivalent needs a new mapper; one flag is enough
  public static ImpactReport readFile(Path file) {
    ObjectMapper mapper =
        Json.mapper().copy().configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true);
    try {
      ImpactReport report = mapper.readValue(Files.readString(file), ImpactReport.class);
      if (report == null || report.breakingChanges() == null) {
        throw new UserError(file + ": " + EXPECTED);
      }
      return report;
    } catch (NoSuchFileException e) {
      throw new UserError(file + ": no such file", e);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
      String deep = Nesting.tooDeep(e);
      throw new UserError(
          file + where + ": " + (deep != null ? deep : EXPECTED + ": " + e.getOriginalMessage()),
          e);
    } catch (IOException e) {
      throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
