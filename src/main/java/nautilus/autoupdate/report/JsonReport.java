package nautilus.autoupdate.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.impact.ImpactReport;

/** Exactly the {@link ImpactReport} record, snake_case, as later stages read it back. */
public final class JsonReport implements ReportRenderer {
  @Override
  public String render(ImpactReport report) {
    try {
      return Json.mapper().writeValueAsString(report) + "\n";
    } catch (JsonProcessingException e) {
      // Records of strings, numbers and enums always serialize; reaching here is a bug.
      throw new IllegalStateException("cannot serialize the impact report", e);
    }
  }
}
