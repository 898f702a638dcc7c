package nautilus.autoupdate.detect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.Nesting;
import nautilus.autoupdate.UserError;

/** Small helpers the sources share. */
final class Sources {
  private Sources() {}

  static String trimSlash(String url) {
    String u = url.trim();
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u;
  }

  /** Parses a JSON body or names the URL and the place it broke (a truncated body lands here). */
  static JsonNode parseJson(String url, String body) {
    try {
      JsonNode n = Json.mapper().readTree(body);
      if (n == null || n.isMissingNode()) {
        throw new UserError(url + ": empty body (expected JSON)");
      }
      return n;
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      String deep = Nesting.tooDeep(e);
      throw new UserError(
          url
              + (deep != null
                  ? ": " + deep
                  : ": malformed JSON" + where + " (expected a complete JSON document)"),
          e);
    }
  }

  static Instant instantOrNull(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(text.trim());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
