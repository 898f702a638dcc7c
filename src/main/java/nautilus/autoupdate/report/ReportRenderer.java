package nautilus.autoupdate.report;

import nautilus.autoupdate.impact.ImpactReport;

/** Turns an impact report into text for one audience. */
public interface ReportRenderer {
  /** The whole report, ending with a newline. */
  String render(ImpactReport report);
}
