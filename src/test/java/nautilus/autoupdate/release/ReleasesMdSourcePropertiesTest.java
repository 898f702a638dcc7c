package nautilus.autoupdate.release;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nautilus.autoupdate.UserError;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** Random and mutated RELEASES.md text: the parser answers with releases or a UserError only. */
class ReleasesMdSourcePropertiesTest {
  private static final String BASE = readMini();

  private static String readMini() {
    try {
      return Files.readString(Path.of("src/test/resources/release/mini-RELEASES.md"));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Property(tries = 1000)
  void randomTextNeverThrowsAnythingButUserError(@ForAll @StringLength(max = 400) String text) {
    parseOrUserError(text);
  }

  @Property(tries = 1000)
  void mutatedNotesNeverThrowAnythingButUserError(@ForAll("mutations") String text) {
    parseOrUserError(text);
  }

  @Provide
  Arbitrary<String> mutations() {
    List<String> pieces =
        List.of(
            "#",
            "# NautilusTrader ",
            "```",
            "\n",
            "- ",
            "  - ",
            "Released on ",
            "TBD",
            "31st",
            "February",
            "1.2.x",
            "###",
            "`",
            "(",
            ")",
            "\r\n",
            "\t",
            "99999999999999999999");
    return Arbitraries.integers()
        .between(0, BASE.length())
        .flatMap(
            at ->
                Arbitraries.of(pieces)
                    .list()
                    .ofMaxSize(4)
                    .map(ins -> BASE.substring(0, at) + String.join("", ins) + BASE.substring(at)));
  }

  private static void parseOrUserError(String text) {
    try {
      ReleasesMdSource.parse(text, "random.md");
    } catch (UserError expected) {
      // the only failure allowed
    }
  }
}
