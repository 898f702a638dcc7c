package nautilus.autoupdate.verify;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
  /** The cases of one report: names of failed (failure or error) and the skipped count. */
  public record Summary(int total, List<String> failed, int skipped) {
    public Summary {
      failed = List.copyOf(failed);
    }
  }

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
    int skipped = 0;
    for (int i = 0; i < cases.getLength(); i++) {
      Element c = (Element) cases.item(i);
      if (hasChild(c, "failure") || hasChild(c, "error")) {
        failed.add(name(c));
      } else if (hasChild(c, "skipped")) {
        skipped++;
      }
    }
    return new Summary(cases.getLength(), failed, skipped);
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

  private static boolean hasChild(Element e, String tag) {
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element && ((Element) n).getTagName().equals(tag)) {
        return true;
      }
    }
    return false;
  }
}
