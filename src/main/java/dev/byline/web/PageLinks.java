package dev.byline.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The RFC 8288 {@code Link: <…>; rel="next"} header for a page that has a successor. */
public final class PageLinks {

    private PageLinks() {
    }

    public static Response withNext(Response response, UriInfo uri, String next) {
        if (next == null || response.getStatus() != 200) {
            return response;
        }
        String url = uri.getRequestUriBuilder().replaceQueryParam("cursor", next).build().toString();
        return Response.fromResponse(response).header("Link", "<" + url + ">; rel=\"next\"").build();
    }
}
