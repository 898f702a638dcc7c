package nautilus.autoupdate.fix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.impact.ImpactReport;

/** Reads an {@link ImpactReport} saved by {@code check --format json}. */
public final class ReportFile {
  private ReportFile() {}

  @SuppressWarnings("deprecation") // the builder equivalent needs a new mapper; one flag is enough
  public static ImpactReport read(Path file) {
    ObjectMapper mapper =
        Json.mapper().copy().configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true);
    try {
      ImpactReport report = mapper.readValue(Files.readString(file), ImpactReport.class);
      if (report == null || report.breakingChanges() == null) {
        throw new UserError(file + ": expected an impact report (check --format json)");
      }
      return report;
    } catch (NoSuchFileException e) {
      throw new UserError(file + ": no such file", e);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
      throw new UserError(
          file
              + where
              + ": expected an impact report (check --format json): "
              + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
