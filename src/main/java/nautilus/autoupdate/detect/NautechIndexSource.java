package nautilus.autoupdate.detect;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.version.Version;

/**
 * NautilusTrader's own simple index ({@code nightly_index_url}), which carries nightly ({@code
 * 1.222.0a20251229}) and develop ({@code 1.208.0.dev20241212+7001}) wheels. Asks for PEP 691 JSON
 * and reads PEP 503 HTML when that is what comes back; versions come from the file names.
 */
public final class NautechIndexSource implements VersionSource {
  static final String ACCEPT = "application/vnd.pypi.simple.v1+json, text/html;q=0.2";
  private static final Pattern ANCHOR =
      Pattern.compile(
          "<a\\s[^>]*?href\\s*=\\s*\"([^\"]*)\"[^>]*>([^<]*)</a>", Pattern.CASE_INSENSITIVE);

  private final ConditionalHttp http;
  private final String indexUrl;
  private final String packageName;

  public NautechIndexSource(ConditionalHttp http, String nightlyIndexUrl, String packageName) {
    this.http = http;
    this.indexUrl = Sources.trimSlash(nightlyIndexUrl);
    this.packageName = packageName;
  }

  @Override
  public String name() {
    return "nautech";
  }

  /** The project page URL: PEP 503 normalizes the name to lower case with dashes. */
  public String projectUrl() {
    return indexUrl + "/" + normalize(packageName).replace('_', '-') + "/";
  }

  @Override
  public List<DetectedVersion> poll() {
    String url = projectUrl();
    List<IndexFile> files = http.get(url, ACCEPT, body -> parse(url, body)).value();
    if (files == null) {
      throw new UserError(
          "GET "
              + url
              + " answered 404: is nightly_index_url a PEP 503 index holding '"
              + packageName
              + "'?");
    }
    Map<Version, DetectedVersion> byVersion = new LinkedHashMap<>();
    for (IndexFile f : files) {
      Optional<Version> v = versionOf(f.filename(), packageName);
      if (v.isEmpty()) {
        continue;
      }
      DetectedVersion prev = byVersion.get(v.get());
      Instant published = f.uploadTime();
      if (prev != null
          && prev.publishedAt() != null
          && (published == null || prev.publishedAt().isBefore(published))) {
        published = prev.publishedAt();
      }
      String ref = v.get().isPreRelease() ? "nightly" : "v" + v.get().baseRelease();
      byVersion.put(v.get(), new DetectedVersion(v.get(), published, name(), url, ref, null));
    }
    return new ArrayList<>(byVersion.values());
  }

  record IndexFile(String filename, Instant uploadTime) {}

  /** Reads either a PEP 691 JSON page or a PEP 503 HTML page. */
  static List<IndexFile> parse(String url, String body) {
    String t = body.stripLeading();
    List<IndexFile> out = new ArrayList<>();
    if (t.startsWith("{")) {
      JsonNode root = Sources.parseJson(url, body);
      JsonNode files = root.path("files");
      if (!files.isArray()) {
        throw new UserError(url + ": PEP 691 JSON without a 'files' array");
      }
      for (JsonNode f : files) {
        out.add(
            new IndexFile(
                f.path("filename").asText(""),
                Sources.instantOrNull(f.path("upload-time").asText(null))));
      }
      return out;
    }
    if (!t.toLowerCase(Locale.ROOT).contains("<a")
        && !t.toLowerCase(Locale.ROOT).contains("<html")) {
      throw new UserError(url + ": neither PEP 691 JSON nor PEP 503 HTML (no links found)");
    }
    Matcher m = ANCHOR.matcher(body);
    while (m.find()) {
      String text = m.group(2).trim();
      String name = text.isEmpty() ? basename(m.group(1)) : text;
      out.add(new IndexFile(name, null));
    }
    return out;
  }

  private static String basename(String href) {
    String h = href;
    int cut = h.indexOf('#');
    if (cut >= 0) {
      h = h.substring(0, cut);
    }
    cut = h.indexOf('?');
    if (cut >= 0) {
      h = h.substring(0, cut);
    }
    return h.substring(h.lastIndexOf('/') + 1);
  }

  /**
   * The version in a distribution file name of the package: {@code
   * nautilus_trader-1.222.0a20251229-cp312-cp312-manylinux_2_35_x86_64.whl}, {@code
   * nautilus_trader-1.208.0.dev20241212+7001-...whl} (also with {@code %2B}), sdists {@code
   * name-version.tar.gz}. Empty for other packages and unparsable names.
   */
  public static Optional<Version> versionOf(String filename, String packageName) {
    String f = URLDecoder.decode(filename.replace("+", "%2B"), StandardCharsets.UTF_8).trim();
    String stem;
    String version;
    if (f.endsWith(".whl")) {
      String[] parts = f.substring(0, f.length() - 4).split("-");
      if (parts.length < 5) {
        return Optional.empty();
      }
      stem = parts[0];
      version = parts[1];
    } else {
      String base =
          f.endsWith(".tar.gz")
              ? f.substring(0, f.length() - 7)
              : f.endsWith(".zip") ? f.substring(0, f.length() - 4) : null;
      int dash = base == null ? -1 : base.lastIndexOf('-');
      if (dash < 0) {
        return Optional.empty();
      }
      stem = base.substring(0, dash);
      version = base.substring(dash + 1);
    }
    if (!normalize(stem).equals(normalize(packageName))) {
      return Optional.empty();
    }
    return Version.tryParse(version);
  }

  private static String normalize(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "_");
  }

  /**
   * When the pinned pre-release is no longer on the index (it keeps only the last few nightlies and
   * the latest develop build): a message naming the nearest version still there. Empty when the pin
   * is a final release, still listed, or nothing of its channel remains.
   */
  public static Optional<String> vanishedPin(
      Version pinned, List<DetectedVersion> listed, String indexUrl) {
    if (!pinned.isNightly() && !pinned.isDevelop()) {
      return Optional.empty();
    }
    if (listed.stream().anyMatch(d -> d.version().equals(pinned))) {
      return Optional.empty();
    }
    var channel = DetectedVersion.channelOf(pinned);
    List<Version> same =
        listed.stream()
            .map(DetectedVersion::version)
            .filter(v -> DetectedVersion.channelOf(v) == channel)
            .sorted()
            .toList();
    String nearest =
        same.stream()
            .filter(v -> v.compareTo(pinned) > 0)
            .findFirst()
            .or(() -> same.isEmpty() ? Optional.empty() : Optional.of(same.get(same.size() - 1)))
            .map(Version::toString)
            .orElse(null);
    return Optional.of(
        "pinned "
            + pinned
            + " is no longer on "
            + indexUrl
            + (nearest == null
                ? " and no " + channel.id() + " build is left there"
                : "; the nearest available is " + nearest));
  }
}
