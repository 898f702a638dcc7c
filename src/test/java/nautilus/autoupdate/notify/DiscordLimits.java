package nautilus.autoupdate.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Discord's documented webhook limits, checked on a JSON body independently of the code that builds
 * it: the oracle of the payload property and of the fake Discord's 400.
 */
final class DiscordLimits {
  private DiscordLimits() {}

  static List<String> violations(JsonNode body) {
    List<String> v = new ArrayList<>();
    JsonNode embeds = body.path("embeds");
    if (embeds.size() > 10) {
      v.add("more than 10 embeds: " + embeds.size());
    }
    if (body.path("content").asText("").length() > 2000) {
      v.add("content over 2000");
    }
    if (!body.path("allowed_mentions").path("parse").isArray()
        || body.path("allowed_mentions").path("parse").size() != 0) {
      v.add("allowed_mentions.parse is not []");
    }
    int total = 0;
    for (JsonNode e : embeds) {
      total += check(v, e.path("title"), 256, "title", false);
      total += check(v, e.path("description"), 4096, "description", false);
      total += check(v, e.path("footer").path("text"), 2048, "footer", false);
      total += check(v, e.path("author").path("name"), 256, "author", false);
      JsonNode fields = e.path("fields");
      if (fields.size() > 25) {
        v.add("more than 25 fields: " + fields.size());
      }
      for (JsonNode f : fields) {
        total += check(v, f.path("name"), 256, "field name", true);
        total += check(v, f.path("value"), 1024, "field value", true);
      }
    }
    if (total > 6000) {
      v.add("embeds total " + total + " over 6000");
    }
    return v;
  }

  private static int check(List<String> v, JsonNode n, int max, String what, boolean required) {
    if (n.isMissingNode() || n.isNull()) {
      if (required) {
        v.add(what + " missing");
      }
      return 0;
    }
    String s = n.asText();
    if (s.length() > max) {
      v.add(what + " " + s.length() + " over " + max);
    }
    if (required && s.isBlank()) {
      v.add(what + " empty");
    }
    return s.length();
  }
}
