package nautilus.autoupdate.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nautilus.autoupdate.release.NoteItem;

/**
 * Finds the release note that covers each diff finding, by the identifiers the note names: a moved
 * or removed module is covered by a note naming it, a dotted tail of it ({@code backtest.exchange})
 * or a parent package ({@code nautilus_trader.indicators}); a member change by a note naming the
 * member; a parameter change by a note naming the parameter together with its method or class. What
 * no note covers stays {@code documented == false}: a break the release notes left out.
 */
public final class NotesLinker {
  private static final Pattern DOTTED = Pattern.compile("[A-Za-z_][\\w]*(?:\\.[A-Za-z_][\\w]*)+");

  private NotesLinker() {}

  public static List<ApiChange> link(List<ApiChange> changes, List<NoteItem> notes) {
    List<ApiChange> out = new ArrayList<>();
    for (ApiChange c : changes) {
      int found = -1;
      for (int i = 0; i < notes.size() && found < 0; i++) {
        if (covers(notes.get(i).text(), c)) {
          found = i;
        }
      }
      out.add(found >= 0 ? c.documentedBy(found) : c);
    }
    return out;
  }

  static boolean covers(String note, ApiChange c) {
    String old = c.change().old().isEmpty() ? "" : c.change().old().get(0);
    switch (c.type()) {
      case MODULE_REMOVED:
        return mentionsModule(note, old);
      case NAME_MOVED:
      case NAME_REMOVED:
        {
          String module = old.substring(0, Math.max(0, old.lastIndexOf('.')));
          return mentionsModule(note, module) || word(note, leaf(old));
        }
      case PARAMETER_REMOVED:
      case PARAMETER_RENAMED:
      case PARAMETER_REQUIRED:
      case DEFAULT_CHANGED:
        {
          String param = c.parameter().orElse(null);
          String[] owner = old.split("\\.");
          boolean namesOwner = false;
          for (String part : owner) {
            namesOwner |= word(note, part);
          }
          return param != null && word(note, param) && namesOwner;
        }
      case MEMBER_REMOVED:
      case MEMBER_RENAMED:
      case PROPERTY_TO_METHOD:
        return namesMember(note, old);
      default:
        return word(note, leaf(old));
    }
  }

  /**
   * Whether the note names the member of {@code classAndMember} ({@code BinanceAccountType.
   * USDT_FUTURE}): alone ("Consolidated `OwnBook` `group_bids` ..."), or written after its own
   * class or a name that class extends ({@code ParquetDataCatalog.x} for {@code
   * ParquetDataCatalogV2.x}). A note about {@code MarginBalance.instrument_id} does not cover the
   * removal of {@code Order.instrument_id}, though both are {@code instrument_id}.
   */
  private static boolean namesMember(String note, String classAndMember) {
    String member = leaf(classAndMember);
    String cls = leaf(classAndMember.substring(0, Math.max(0, classAndMember.lastIndexOf('.'))));
    Matcher m = Pattern.compile("(?<!\\w)" + Pattern.quote(member) + "(?!\\w)").matcher(note);
    while (m.find()) {
      int at = m.start();
      if (at == 0 || note.charAt(at - 1) != '.') {
        return true;
      }
      int start = at - 1;
      while (start > 0
          && (Character.isLetterOrDigit(note.charAt(start - 1)) || note.charAt(start - 1) == '_')) {
        start--;
      }
      String owner = note.substring(start, at - 1);
      if (!owner.isEmpty() && (cls.startsWith(owner) || owner.startsWith(cls))) {
        return true;
      }
    }
    return false;
  }

  private static String leaf(String dotted) {
    return dotted.substring(dotted.lastIndexOf('.') + 1);
  }

  private static boolean word(String text, String w) {
    return !w.isEmpty()
        && Pattern.compile("(?<!\\w)" + Pattern.quote(w) + "(?!\\w)").matcher(text).find();
  }

  private static boolean mentionsModule(String note, String module) {
    Matcher m = DOTTED.matcher(note);
    while (m.find()) {
      String t = m.group();
      if (t.split("\\.").length < 2) {
        continue;
      }
      if (module.equals(t) || module.endsWith("." + t) || module.startsWith(t + ".")) {
        return true;
      }
    }
    return false;
  }
}
