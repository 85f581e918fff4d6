package org.erpcampaigns.platform.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers every response carries: browsers take a response only as the type it says ({@code
 * X-Content-Type-Options: nosniff}), and pages and the click redirect give other sites no address
 * of ours ({@code Referrer-Policy: same-origin}: a recipient's tracking link does not leak to the
 * shop it leads to). Framing is left to the host portal's policy: the screens are meant to run
 * inside it.
 */
@WebFilter(urlPatterns = "/*")
public class SecurityHeadersFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    chain.doFilter(req, res);
  }
}
