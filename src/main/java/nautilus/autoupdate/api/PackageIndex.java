package nautilus.autoupdate.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.Nesting;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.version.Version;

/**
 * Lists a release's files from a simple repository index: PEP 691 JSON when the index speaks it,
 * PEP 503 HTML otherwise. A PyPI JSON API base ({@code https://pypi.org/pypi}) is mapped to its
 * simple index, which also serves pre-releases and answers where the per-version JSON does not.
 */
public final class PackageIndex {
  private static final Pattern ANCHOR =
      Pattern.compile("<a\\s[^>]*href=\"([^\"]+)\"[^>]*>([^<]+)</a>", Pattern.CASE_INSENSITIVE);

  private final Http http;
  private final String indexUrl;

  public PackageIndex(Http http, String indexUrl) {
    this.http = http;
    this.indexUrl = simpleBase(indexUrl);
  }

  /**
   * The index to use: {@code UV_INDEX_URL} or {@code PIP_INDEX_URL} when set (as uv and pip would),
   * else the configured one.
   */
  public static String chooseIndex(String configured, Map<String, String> env) {
    for (String var : List.of("UV_INDEX_URL", "UV_DEFAULT_INDEX", "PIP_INDEX_URL")) {
      String v = env.get(var);
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    return configured;
  }

  static String simpleBase(String url) {
    String base = url.replaceAll("/+$", "");
    if (base.endsWith("/pypi")) {
      base = base.substring(0, base.length() - "/pypi".length()) + "/simple";
    }
    return base;
  }

  public String url(String project) {
    return indexUrl + "/" + DistFile.normalize(project) + "/";
  }

  /** The files of {@code project} at {@code version} (empty when the index has none). */
  public List<DistFile> files(String project, Version version) {
    String page = url(project);
    URI uri = URI.create(page);
    Http.Response r =
        http.get(uri, Map.of("Accept", "application/vnd.pypi.simple.v1+json, text/html;q=0.1"));
    if (r.status() == 404) {
      throw new UserError("package '" + project + "' not found on index " + page + " (HTTP 404)");
    }
    if (r.status() != 200) {
      throw new UserError("index " + page + " answered HTTP " + r.status() + " (expected 200)");
    }
    String type = r.header("content-type").orElse("");
    List<DistFile> all = type.contains("json") ? fromJson(page, r.body()) : fromHtml(uri, r.body());
    List<DistFile> out = all.stream().filter(f -> f.isOf(project, version)).toList();
    return out;
  }

  private static List<DistFile> fromJson(String page, byte[] body) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(body);
    } catch (IOException e) {
      String deep =
          e instanceof com.fasterxml.jackson.core.JsonProcessingException j
              ? Nesting.tooDeep(j)
              : null;
      throw new UserError(
          "index "
              + page
              + (deep != null
                  ? ": " + deep
                  : " sent malformed PEP 691 JSON: "
                      + String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
    }
    JsonNode files = root.path("files");
    if (!files.isArray()) {
      throw new UserError("index " + page + " sent JSON without a 'files' list (expected PEP 691)");
    }
    List<DistFile> out = new ArrayList<>();
    for (JsonNode f : files) {
      String href = URI.create(page).resolve(f.path("url").asText()).toString();
      out.add(new DistFile(f.path("filename").asText(), href, f.path("size").asLong(-1)));
    }
    return out;
  }

  private static List<DistFile> fromHtml(URI page, byte[] body) {
    List<DistFile> out = new ArrayList<>();
    Matcher m = ANCHOR.matcher(new String(body, StandardCharsets.UTF_8));
    while (m.find()) {
      String href = m.group(1).replace("&amp;", "&");
      int hash = href.indexOf('#');
      if (hash >= 0) {
        href = href.substring(0, hash);
      }
      out.add(new DistFile(m.group(2).trim(), page.resolve(href).toString(), -1));
    }
    return out;
  }
}
