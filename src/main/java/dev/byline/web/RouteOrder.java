package dev.byline.web;

/**
 * Where Byline's own Vert.x routes sit among Quarkus's (a lower order runs first), in one place, since each route's
 * correctness depends on what ran before it.
 *
 * <p>Quarkus installs its HTTP filters at order {@code -priority}: authentication at -200, Quarkus REST's
 * authentication-failure filter at -199 (which, with metrics on, matches the path against every resource to name
 * the request's URI template), path permissions at -100, its body size check at -2, then the application.
 */
public final class RouteOrder {

    /** {@link ContentCoding}: first of all, so that it settles Content-Encoding on every response, whoever sends it. */
    public static final int CONTENT_CODING = -202;

    /**
     * Anonymous reads answered from memory, before Quarkus's authentication filters: a request without credentials
     * has nothing to authenticate (authentication is not proactive) and no failure to map, and those filters cost
     * more than the answer. Such a route applies {@link BrowserPolicy} and {@link RequestLimits} itself, names its
     * URI template for the metrics ({@link RequestMetrics#template}), and hands anything else on untouched. Path
     * permissions ({@code quarkus.http.auth.permission.*}) would not see what it answers; Byline configures none.
     */
    public static final int ANONYMOUS_READS = -201;

    /** {@link BrowserPolicy}: the headers every API, feed and contract response carries. */
    public static final int BROWSER_POLICY = -100;

    /** {@link RequestLimits}: after the browser policy, so that a 414 or 431 carries its headers. */
    public static final int REQUEST_LIMITS = -99;

    /** {@link AllowedMethods}: after both, for OPTIONS. */
    public static final int ALLOWED_METHODS = -98;

    /** Routes that answer from memory after the policy and limits routes ran (feeds). */
    public static final int AFTER_REQUEST_LIMITS = -90;

    /** {@link BodySizeLimit}: just before Quarkus's own body size check (-2). */
    public static final int BODY_READ_AHEAD = -3;

    private RouteOrder() {
    }
}
