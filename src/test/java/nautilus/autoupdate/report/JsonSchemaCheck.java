package nautilus.autoupdate.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A small JSON Schema checker for the keywords docs/impact-report.schema.json uses: type (string or
 * list), enum, required, properties, additionalProperties: false, items, minItems, minimum,
 * maximum, pattern and local $ref. Returns every violation with its JSON pointer.
 */
public final class JsonSchemaCheck {
  private final JsonNode root;

  public JsonSchemaCheck(JsonNode schema) {
    this.root = schema;
  }

  public List<String> violations(JsonNode value) {
    List<String> out = new ArrayList<>();
    check(root, value, "", out);
    return out;
  }

  private void check(JsonNode schema, JsonNode value, String at, List<String> out) {
    if (schema.has("$ref")) {
      String ref = schema.get("$ref").asText();
      if (!ref.startsWith("#/")) {
        throw new IllegalArgumentException("only local $ref supported: " + ref);
      }
      check(root.at(ref.substring(1)), value, at, out);
      return;
    }
    if (schema.has("type") && !typeMatches(schema.get("type"), value)) {
      out.add(at + ": expected type " + schema.get("type") + ", got " + value.getNodeType());
      return;
    }
    if (schema.has("enum")) {
      boolean found = false;
      for (JsonNode e : schema.get("enum")) {
        found |= e.equals(value);
      }
      if (!found) {
        out.add(at + ": " + value + " not in " + schema.get("enum"));
      }
    }
    if (schema.has("pattern")
        && value.isTextual()
        && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
      out.add(at + ": '" + value.asText() + "' does not match " + schema.get("pattern"));
    }
    if (schema.has("minimum")
        && value.isNumber()
        && value.asLong() < schema.get("minimum").asLong()) {
      out.add(at + ": " + value + " below minimum " + schema.get("minimum"));
    }
    if (schema.has("maximum")
        && value.isNumber()
        && value.asLong() > schema.get("maximum").asLong()) {
      out.add(at + ": " + value + " above maximum " + schema.get("maximum"));
    }
    if (value.isObject()) {
      checkObject(schema, value, at, out);
    }
    if (value.isArray()) {
      if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
        out.add(at + ": fewer than " + schema.get("minItems") + " items");
      }
      if (schema.has("items")) {
        for (int i = 0; i < value.size(); i++) {
          check(schema.get("items"), value.get(i), at + "/" + i, out);
        }
      }
    }
  }

  private void checkObject(JsonNode schema, JsonNode value, String at, List<String> out) {
    if (schema.has("required")) {
      for (JsonNode r : schema.get("required")) {
        if (!value.has(r.asText())) {
          out.add(at + ": missing required '" + r.asText() + "'");
        }
      }
    }
    JsonNode props = schema.get("properties");
    Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (props != null && props.has(f.getKey())) {
        check(props.get(f.getKey()), f.getValue(), at + "/" + f.getKey(), out);
      } else if (schema.has("additionalProperties")
          && !schema.get("additionalProperties").asBoolean(true)) {
        out.add(at + ": unexpected property '" + f.getKey() + "'");
      }
    }
  }

  private static boolean typeMatches(JsonNode type, JsonNode value) {
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (typeMatches(t, value)) {
          return true;
        }
      }
      return false;
    }
    switch (type.asText()) {
      case "object":
        return value.isObject();
      case "array":
        return value.isArray();
      case "string":
        return value.isTextual();
      case "integer":
        return value.isIntegralNumber();
      case "number":
        return value.isNumber();
      case "boolean":
        return value.isBoolean();
      case "null":
        return value.isNull();
      default:
        throw new IllegalArgumentException("unknown type " + type);
    }
  }
}
