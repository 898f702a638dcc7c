package nautilus.autoupdate.detect;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nautilus.autoupdate.version.Version;

/**
 * The package index's per-project JSON API, {@code {package_index_url}/{package}/json}: every
 * release with its files' {@code upload_time_iso_8601}; the earliest upload is the publish time.
 */
public final class PypiJsonSource implements VersionSource {
  private final ConditionalHttp http;
  private final String indexUrl;
  private final String packageName;

  public PypiJsonSource(ConditionalHttp http, String packageIndexUrl, String packageName) {
    this.http = http;
    this.indexUrl = Sources.trimSlash(packageIndexUrl);
    this.packageName = packageName;
  }

  @Override
  public String name() {
    return "pypi";
  }

  @Override
  public List<DetectedVersion> poll() {
    String url = indexUrl + "/" + packageName + "/json";
    JsonNode root = http.get(url, "application/json", body -> Sources.parseJson(url, body)).value();
    if (root == null) {
      throw new nautilus.autoupdate.UserError(
          "GET " + url + " answered 404: is package '" + packageName + "' on that index?");
    }
    JsonNode releases = root.path("releases");
    if (!releases.isObject()) {
      throw new nautilus.autoupdate.UserError(
          url + ": expected a JSON object with a 'releases' object");
    }
    String projectUrl = root.path("info").path("package_url").asText("");
    List<DetectedVersion> out = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = releases.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      Optional<Version> v = Version.tryParse(e.getKey());
      if (v.isEmpty() || !e.getValue().isArray() || e.getValue().isEmpty()) {
        continue; // not PEP 440, or a release without files (nothing to install)
      }
      Instant published = null;
      boolean allYanked = true;
      for (JsonNode file : e.getValue()) {
        allYanked &= file.path("yanked").asBoolean(false);
        Instant t = Sources.instantOrNull(file.path("upload_time_iso_8601").asText(null));
        if (t != null && (published == null || t.isBefore(published))) {
          published = t;
        }
      }
      if (allYanked) {
        continue;
      }
      String link =
          projectUrl.isEmpty() ? url : Sources.trimSlash(projectUrl) + "/" + e.getKey() + "/";
      out.add(new DetectedVersion(v.get(), published, name(), link, "v" + v.get(), null));
    }
    return out;
  }
}
