package nautilus.autoupdate.fix;

import nautilus.autoupdate.impact.Site;

/**
 * What happened to one site of a file: fixed (with the changed lines before and after, equal when
 * another edit of the same change covers it) or skipped with a reason. {@code newLine} and {@code
 * newColumn} locate the site in the edited content, for the re-check.
 */
record SiteResult(
    Site site,
    boolean fixed,
    boolean covered,
    String before,
    String after,
    String reason,
    int newLine,
    int newColumn) {

  static SiteResult skipped(Site site, String reason) {
    return new SiteResult(site, false, false, null, null, reason, site.line(), site.column());
  }
}
