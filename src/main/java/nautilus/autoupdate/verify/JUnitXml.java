package nautilus.autoupdate.verify;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import nautilus.autoupdate.UserError;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Reads a JUnit XML report (pytest's {@code --junitxml}, also Maven/Gradle style). */
public final class JUnitXml {
  /**
   * The cases of one report: names of failed (failure or error), their one-line reasons, and the
   * skipped count.
   */
  public record Summary(int total, List<String> failed, Map<String, String> messages, int skipped) {
    public Summary {
      failed = List.copyOf(failed);
      messages = Collections.unmodifiableMap(new LinkedHashMap<>(messages));
    }
  }

  /** Longest reason kept per failure; the full output is in the test log. */
  static final int MESSAGE_LIMIT = 300;

  private JUnitXml() {}

  public static Summary parse(Path file) {
    Element root;
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      // Test output is untrusted: no DTDs, no external entities.
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      root = f.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    } catch (SAXException | IOException | ParserConfigurationException e) {
      throw new UserError(file + ": not a readable JUnit XML report (" + e.getMessage() + ")", e);
    }
    NodeList cases = root.getElementsByTagName("testcase");
    List<String> failed = new ArrayList<>();
    Map<String, String> messages = new LinkedHashMap<>();
    int skipped = 0;
    for (int i = 0; i < cases.getLength(); i++) {
      Element c = (Element) cases.item(i);
      Element problem = child(c, "failure") != null ? child(c, "failure") : child(c, "error");
      if (problem != null) {
        failed.add(name(c));
        String why = reason(problem);
        if (!why.isEmpty()) {
          messages.put(name(c), why);
        }
      } else if (child(c, "skipped") != null) {
        skipped++;
      }
    }
    return new Summary(cases.getLength(), failed, messages, skipped);
  }

  /**
   * Why a case failed, on one line: pytest's last {@code E } line (the exception, also for a
   * collection error whose message is only "collection failure"), else the message attribute, else
   * the first line of the text.
   */
  static String reason(Element problem) {
    String text = problem.getTextContent() == null ? "" : problem.getTextContent();
    String why = "";
    for (String line : text.split("\\R")) {
      if (line.startsWith("E ")) {
        why = line.substring(1).strip();
      }
    }
    if (why.isEmpty()) {
      why = problem.getAttribute("message").strip();
    }
    if (why.isEmpty()) {
      why = text.strip().lines().findFirst().orElse("");
    }
    return why.length() > MESSAGE_LIMIT ? why.substring(0, MESSAGE_LIMIT) + "…" : why;
  }

  /**
   * pytest's node id style, {@code tests.test_x::test_y}; a collection error has an empty classname
   * and the module as its name.
   */
  static String name(Element c) {
    String cls = c.getAttribute("classname");
    String name = c.getAttribute("name");
    return cls.isEmpty() ? name : cls + "::" + name;
  }

  private static Element child(Element e, String tag) {
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element el && el.getTagName().equals(tag)) {
        return el;
      }
    }
    return null;
  }
}
