package nautilus.autoupdate.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP server on loopback serving fixed bodies, honoring single Range requests (as
 * files.pythonhosted.org does) unless told not to; counts the bytes it sends.
 */
final class RangeServer implements AutoCloseable {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  record Body(String contentType, byte[] data) {}

  private final HttpServer server;
  private final Map<String, Body> bodies = new ConcurrentHashMap<>();

  /** Bytes of distribution files sent (index pages not counted). */
  final AtomicLong bytesSent = new AtomicLong();

  final List<String> ranges = new CopyOnWriteArrayList<>();
  volatile boolean honorRanges = true;

  RangeServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  void put(String path, String contentType, byte[] data) {
    bodies.put(path, new Body(contentType, data));
  }

  private void handle(HttpExchange ex) throws IOException {
    Body b = bodies.get(ex.getRequestURI().getPath());
    if (b == null) {
      ex.sendResponseHeaders(404, -1);
      ex.close();
      return;
    }
    byte[] data = b.data();
    int status = 200;
    int from = 0;
    int to = data.length - 1;
    String range = ex.getRequestHeaders().getFirst("Range");
    if (range != null && honorRanges) {
      ranges.add(range);
      Matcher m = RANGE.matcher(range);
      if (m.matches()) {
        if (m.group(1).isEmpty()) {
          from = Math.max(0, data.length - Integer.parseInt(m.group(2)));
        } else {
          from = Integer.parseInt(m.group(1));
          to = m.group(2).isEmpty() ? to : Math.min(to, Integer.parseInt(m.group(2)));
        }
        status = 206;
        ex.getResponseHeaders()
            .add("Content-Range", "bytes " + from + "-" + to + "/" + data.length);
      }
    }
    ex.getResponseHeaders().add("Content-Type", b.contentType());
    int len = to - from + 1;
    ex.sendResponseHeaders(status, len);
    try (OutputStream o = ex.getResponseBody()) {
      o.write(data, from, len);
    }
    if (ex.getRequestURI().getPath().startsWith("/files/")) {
      bytesSent.addAndGet(len);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
