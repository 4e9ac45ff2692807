package dev.securechat.server.dashboard;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;

/**
 * Refuses request paths that are not already in plain form: dot segments ({@code /assets/../api}),
 * encoded slashes and backslashes. Browsers never send them. Let through, the route a request
 * reaches could differ from the path the access check reads, and Jetty's static file lookup fails
 * with a logged error for every such probe. A servlet filter, because Javalin looks for static
 * files before its own before-handlers run.
 */
final class PathGuard extends HttpFilter {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (isPlain(req.getRequestURI())) {
      chain.doFilter(req, res);
    } else {
      res.sendError(HttpServletResponse.SC_BAD_REQUEST, "malformed path");
    }
  }

  static boolean isPlain(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.contains("%2f") || lower.contains("%5c") || path.indexOf('\\') >= 0) {
      return false;
    }
    for (String segment : lower.replace("%2e", ".").split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }
}
