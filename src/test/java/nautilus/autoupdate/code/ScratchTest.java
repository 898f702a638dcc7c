package nautilus.autoupdate.code;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Path;
import java.util.List;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.impact.ImpactMatcher;
import nautilus.autoupdate.notes.BreakingChange;
import org.junit.jupiter.api.Test;

class ScratchTest {
  @Test
  void print() throws Exception {
    String fx = System.getProperty("fx", "mixed");
    Path dir = Path.of("src/test/resources/impact/" + fx);
    CodeBase cb =
        new CodeScanner().scan(dir.resolve("repo"), List.of("."), "nautilus_trader", null);
    List<BreakingChange> ch =
        Json.mapper()
            .readValue(
                dir.resolve("changes.json").toFile(), new TypeReference<List<BreakingChange>>() {});
    var r = new ImpactMatcher().match(ch, cb);
    System.out.println(Json.mapper().writeValueAsString(r));
  }
}
