package nautilus.autoupdate.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

  private static final Pattern WORD = Pattern.compile("\\w+");

  private NotesLinker() {}

  public static List<ApiChange> link(List<ApiChange> changes, List<NoteItem> notes) {
    // Each note is read once: thousands of findings (1.231.0 -> 2.0.0rc7) meet hundreds of notes.
    List<Note> read = notes.stream().map(n -> new Note(n.text())).toList();
    List<ApiChange> out = new ArrayList<>();
    for (ApiChange c : changes) {
      Finding f = new Finding(c);
      int found = -1;
      for (int i = 0; i < read.size() && found < 0; i++) {
        if (covers(read.get(i), f)) {
          found = i;
        }
      }
      out.add(found >= 0 ? c.documentedBy(found) : c);
    }
    return out;
  }

  /** What a finding is looked up by, read once: its old name and, for a parameter, its name. */
  private record Finding(ApiChange.Type type, String old, String param) {
    Finding(ApiChange c) {
      this(
          c.type(),
          c.change().old().isEmpty() ? "" : c.change().old().get(0),
          c.parameter().orElse(null));
    }
  }

  /** A note's text with its identifiers ({@code \\w} runs) and its dotted names, found once. */
  private record Note(String text, Set<String> words, List<String> dotted) {
    Note(String text) {
      this(text, matches(WORD, text, new HashSet<>()), matches(DOTTED, text, new ArrayList<>()));
    }

    private static <C extends java.util.Collection<String>> C matches(
        Pattern p, String text, C out) {
      Matcher m = p.matcher(text);
      while (m.find()) {
        out.add(m.group());
      }
      return out;
    }

    /** Whether {@code w} stands in the text with no word character on either side. */
    boolean names(String w) {
      if (w.isEmpty()) {
        return false;
      }
      if (isWord(w)) {
        return words.contains(w);
      }
      return wholeWord(w).matcher(text).find();
    }
  }

  /** {@code w} with no word character on either side. */
  private static Pattern wholeWord(String w) {
    return Pattern.compile("(?<!\\w)" + Pattern.quote(w) + "(?!\\w)");
  }

  /** Whether {@code w} is all {@code \\w} characters ({@code [A-Za-z0-9_]}). */
  private static boolean isWord(String w) {
    for (int i = 0; i < w.length(); i++) {
      char ch = w.charAt(i);
      if (!(ch >= 'a' && ch <= 'z'
          || ch >= 'A' && ch <= 'Z'
          || ch >= '0' && ch <= '9'
          || ch == '_')) {
        return false;
      }
    }
    return true;
  }

  static boolean covers(String note, ApiChange c) {
    return covers(new Note(note), new Finding(c));
  }

  private static boolean covers(Note note, Finding c) {
    String old = c.old();
    switch (c.type()) {
      case MODULE_REMOVED:
        return mentionsModule(note, old);
      case NAME_MOVED:
      case NAME_REMOVED:
        {
          String module = old.substring(0, Math.max(0, old.lastIndexOf('.')));
          return mentionsModule(note, module) || note.names(leaf(old));
        }
      case PARAMETER_REMOVED:
      case PARAMETER_RENAMED:
      case PARAMETER_REQUIRED:
      case DEFAULT_CHANGED:
        {
          String param = c.param();
          String[] owner = old.split("\\.");
          boolean namesOwner = false;
          for (String part : owner) {
            namesOwner |= note.names(part);
          }
          return param != null && note.names(param) && namesOwner;
        }
      case MEMBER_REMOVED:
      case MEMBER_RENAMED:
      case PROPERTY_TO_METHOD:
        return namesMember(note, old);
      default:
        return note.names(leaf(old));
    }
  }

  /**
   * Whether the note names the member of {@code classAndMember} ({@code BinanceAccountType.
   * USDT_FUTURE}): alone ("Consolidated `OwnBook` `group_bids` ..."), or written after its own
   * class or a name that class extends ({@code ParquetDataCatalog.x} for {@code
   * ParquetDataCatalogV2.x}). A note about {@code MarginBalance.instrument_id} does not cover the
   * removal of {@code Order.instrument_id}, though both are {@code instrument_id}.
   */
  private static boolean namesMember(Note read, String classAndMember) {
    String member = leaf(classAndMember);
    if (!read.names(member)) {
      return false;
    }
    String note = read.text();
    String cls = leaf(classAndMember.substring(0, Math.max(0, classAndMember.lastIndexOf('.'))));
    Matcher m = wholeWord(member).matcher(note);
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

  private static boolean mentionsModule(Note note, String module) {
    for (String t : note.dotted()) {
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
