package nautilus.autoupdate.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import nautilus.autoupdate.AtomicFiles;
import nautilus.autoupdate.UserError;

/**
 * Reads a remote zip (a wheel) with HTTP range requests: the tail for the central directory, then
 * only the entries wanted, and writes them to a local "slim" zip in which every other entry is
 * present but empty (so the module map stays complete). When the server ignores ranges, the whole
 * file it sent is kept instead.
 */
final class RemoteZip {
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");
  private static final int TAIL = 64 * 1024 + 22;

  /** What a fetch did: the local file, bytes transferred, and the remote file's full size. */
  record Result(Path file, long downloaded, long fullSize, boolean ranged) {}

  private record Entry(String name, int method, long compressedSize, long offset) {}

  private final Http http;
  private final int parallelism;

  RemoteZip(Http http, int parallelism) {
    this.http = http;
    this.parallelism = parallelism;
  }

  Result fetch(String url, Path target, Predicate<String> wanted) throws IOException {
    URI uri = URI.create(url);
    Http.Response tail = http.download(uri, Map.of("Range", "bytes=-" + TAIL));
    if (tail.status() == 200) {
      AtomicFiles.write(target, tail.body());
      return new Result(target, tail.body().length, tail.body().length, false);
    }
    if (tail.status() != 206) {
      throw new UserError(url + " answered HTTP " + tail.status() + " (expected 206 or 200)");
    }
    Matcher cr = CONTENT_RANGE.matcher(tail.header("content-range").orElse(""));
    if (!cr.find()) {
      throw new UserError(url + " answered 206 without a usable Content-Range header");
    }
    long tailStart = Long.parseLong(cr.group(1));
    long fullSize = Long.parseLong(cr.group(3));
    long downloaded = tail.body().length;
    ByteBuffer t = ByteBuffer.wrap(tail.body()).order(ByteOrder.LITTLE_ENDIAN);
    int eocd = -1;
    for (int i = tail.body().length - 22; i >= 0; i--) {
      if (t.getInt(i) == 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) {
      throw new UserError(url + " is not a zip file (no end of central directory record)");
    }
    long cdSize = Integer.toUnsignedLong(t.getInt(eocd + 12));
    long cdOffset = Integer.toUnsignedLong(t.getInt(eocd + 16));
    if (cdOffset == 0xFFFFFFFFL || cdSize == 0xFFFFFFFFL) {
      throw new UserError(url + " is a ZIP64 archive, which the range reader does not support");
    }
    byte[] cd;
    if (cdOffset >= tailStart) {
      int from = (int) (cdOffset - tailStart);
      cd = java.util.Arrays.copyOfRange(tail.body(), from, from + (int) cdSize);
    } else {
      cd = range(uri, cdOffset, cdOffset + cdSize - 1);
      downloaded += cd.length;
    }
    List<Entry> entries = centralDirectory(url, cd);
    // An entry's bytes end where the next entry's local header starts.
    List<long[]> spans = new ArrayList<>();
    List<Entry> chosen = new ArrayList<>();
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(java.util.Comparator.comparingLong(Entry::offset));
    for (int i = 0; i < sorted.size(); i++) {
      Entry e = sorted.get(i);
      if (!wanted.test(e.name())) {
        continue;
      }
      long end = i + 1 < sorted.size() ? sorted.get(i + 1).offset() : cdOffset;
      chosen.add(e);
      if (!spans.isEmpty() && spans.get(spans.size() - 1)[1] == e.offset()) {
        spans.get(spans.size() - 1)[1] = end;
      } else {
        spans.add(new long[] {e.offset(), end});
      }
    }
    List<byte[]> parts = fetchAll(uri, spans);
    for (byte[] p : parts) {
      downloaded += p.length;
    }
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(zip)) {
      java.util.Set<String> done = new java.util.HashSet<>();
      for (Entry e : chosen) {
        int s = spanIndex(spans, e.offset());
        byte[] data = entryData(url, parts.get(s), (int) (e.offset() - spans.get(s)[0]), e);
        out.putNextEntry(new ZipEntry(e.name()));
        out.write(data);
        out.closeEntry();
        done.add(e.name());
      }
      for (Entry e : entries) {
        if (done.add(e.name())) {
          out.putNextEntry(new ZipEntry(e.name()));
          out.closeEntry();
        }
      }
    }
    AtomicFiles.write(target, zip.toByteArray());
    return new Result(target, downloaded, fullSize, true);
  }

  private static int spanIndex(List<long[]> spans, long offset) {
    for (int i = 0; i < spans.size(); i++) {
      if (offset >= spans.get(i)[0] && offset < spans.get(i)[1]) {
        return i;
      }
    }
    throw new IllegalStateException("no span for offset " + offset);
  }

  private List<byte[]> fetchAll(URI uri, List<long[]> spans) throws IOException {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism));
    try {
      List<Future<byte[]>> futures = new ArrayList<>();
      for (long[] s : spans) {
        futures.add(pool.submit(() -> range(uri, s[0], s[1] - 1)));
      }
      List<byte[]> out = new ArrayList<>();
      for (Future<byte[]> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while reading " + uri, e);
    } finally {
      pool.shutdownNow();
    }
  }

  private byte[] range(URI uri, long first, long last) {
    Http.Response r = http.download(uri, Map.of("Range", "bytes=" + first + "-" + last));
    if (r.status() != 206 || r.body().length != last - first + 1) {
      throw new UserError(
          uri
              + " answered HTTP "
              + r.status()
              + " with "
              + r.body().length
              + " bytes to a range request for bytes "
              + first
              + "-"
              + last);
    }
    return r.body();
  }

  private static List<Entry> centralDirectory(String url, byte[] cd) {
    ByteBuffer b = ByteBuffer.wrap(cd).order(ByteOrder.LITTLE_ENDIAN);
    List<Entry> out = new ArrayList<>();
    int p = 0;
    while (p + 46 <= cd.length && b.getInt(p) == 0x02014b50) {
      int method = Short.toUnsignedInt(b.getShort(p + 10));
      long comp = Integer.toUnsignedLong(b.getInt(p + 20));
      int nameLen = Short.toUnsignedInt(b.getShort(p + 28));
      int extraLen = Short.toUnsignedInt(b.getShort(p + 30));
      int commentLen = Short.toUnsignedInt(b.getShort(p + 32));
      long offset = Integer.toUnsignedLong(b.getInt(p + 42));
      String name = new String(cd, p + 46, nameLen, StandardCharsets.UTF_8);
      out.add(new Entry(name, method, comp, offset));
      p += 46 + nameLen + extraLen + commentLen;
    }
    if (out.isEmpty()) {
      throw new UserError(url + " has an empty or unreadable zip central directory");
    }
    return out;
  }

  private static byte[] entryData(String url, byte[] span, int at, Entry e) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(span).order(ByteOrder.LITTLE_ENDIAN);
    if (b.getInt(at) != 0x04034b50) {
      throw new UserError(url + ": no local zip header for " + e.name());
    }
    int start =
        at
            + 30
            + Short.toUnsignedInt(b.getShort(at + 26))
            + Short.toUnsignedInt(b.getShort(at + 28));
    int len = (int) e.compressedSize();
    if (e.method() == 0) {
      return java.util.Arrays.copyOfRange(span, start, start + len);
    }
    if (e.method() != 8) {
      throw new UserError(
          url
              + ": entry "
              + e.name()
              + " uses zip method "
              + e.method()
              + " (expected stored or deflate)");
    }
    Inflater inf = new Inflater(true);
    try {
      inf.setInput(span, start, len);
      ByteArrayOutputStream out = new ByteArrayOutputStream(len * 4);
      byte[] buf = new byte[64 * 1024];
      while (!inf.finished()) {
        int n = inf.inflate(buf);
        if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
          break;
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (DataFormatException ex) {
      throw new UserError(url + ": corrupt compressed data in " + e.name());
    } finally {
      inf.end();
    }
  }
}
