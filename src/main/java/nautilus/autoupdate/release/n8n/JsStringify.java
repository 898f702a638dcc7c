package nautilus.autoupdate.release.n8n;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/** Formats JSON exactly as JavaScript's {@code JSON.stringify(value, null, 2)} does. */
final class JsStringify {
  private JsStringify() {}

  static void write(JsonNode node, StringBuilder out, String indent) {
    if (node.isObject()) {
      if (node.size() == 0) {
        out.append("{}");
        return;
      }
      String inner = indent + "  ";
      out.append("{\n");
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        out.append(inner);
        string(e.getKey(), out);
        out.append(": ");
        write(e.getValue(), out, inner);
        out.append(it.hasNext() ? ",\n" : "\n");
      }
      out.append(indent).append('}');
    } else if (node.isArray()) {
      if (node.size() == 0) {
        out.append("[]");
        return;
      }
      String inner = indent + "  ";
      out.append("[\n");
      for (int i = 0; i < node.size(); i++) {
        out.append(inner);
        write(node.get(i), out, inner);
        out.append(i + 1 < node.size() ? ",\n" : "\n");
      }
      out.append(indent).append(']');
    } else if (node.isTextual()) {
      string(node.asText(), out);
    } else if (node.isIntegralNumber()) {
      out.append(node.bigIntegerValue());
    } else if (node.isNumber()) {
      out.append(number(node.decimalValue()));
    } else if (node.isBoolean()) {
      out.append(node.asBoolean());
    } else {
      out.append("null");
    }
  }

  private static String number(BigDecimal d) {
    BigDecimal s = d.stripTrailingZeros();
    return s.scale() <= 0 ? s.toBigInteger().toString() : s.toPlainString();
  }

  static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }
}
