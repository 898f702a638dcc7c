package nautilus.autoupdate.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.util.Optional;
import nautilus.autoupdate.Json;

/**
 * The agent's JSON output, as Claude Code's {@code --output-format json} prints it: one object
 * whose {@code result} is the agent's closing summary and whose {@code is_error} says whether it
 * gave up (turn limit, API error). A stream of objects (JSON lines) is read as its last object.
 */
public record AgentOutput(JsonNode json, String summary, boolean isError, String errorKind) {
  /** Summaries longer than this are cut: they go into a commit body and a PR. */
  static final int MAX_SUMMARY = 4000;

  /** The output parsed; empty when it is not JSON (or not an object). */
  public static Optional<AgentOutput> parse(String stdout) {
    String text = stdout == null ? "" : stdout.strip();
    JsonNode node = last(text);
    if (node == null || !node.isObject()) {
      return Optional.empty();
    }
    String summary = node.path("result").isTextual() ? node.path("result").asText() : "";
    boolean error = node.path("is_error").asBoolean(false);
    String kind = node.path("subtype").isTextual() ? node.path("subtype").asText() : null;
    return Optional.of(new AgentOutput(node, cap(summary, MAX_SUMMARY), error, kind));
  }

  /** The last of the JSON values in {@code text}; null when there is none or one is broken. */
  private static JsonNode last(String text) {
    if (text.isEmpty()) {
      return null;
    }
    JsonNode last = null;
    try (MappingIterator<JsonNode> values =
        Json.mapper().readerFor(JsonNode.class).readValues(text)) {
      while (values.hasNextValue()) {
        last = values.nextValue();
      }
      return last;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  static String cap(String s, int max) {
    if (s == null || s.length() <= max) {
      return s;
    }
    return s.substring(0, max) + "\n[... cut: " + (s.length() - max) + " more characters]";
  }
}
