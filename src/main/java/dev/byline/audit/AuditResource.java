package dev.byline.audit;

import dev.byline.Roles;
import dev.byline.web.Caching;
import dev.byline.web.PageLinks;
import dev.byline.web.ProblemException;
import dev.byline.web.QueryParams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;

/** Administrators read who changed what. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AuditResource {

    private static final java.util.List<String> TARGET_TYPES = java.util.List.of("article", "source", "key", "comment", "webhook");

    private final AuditService audit;

    public AuditResource(AuditService audit) {
        this.audit = audit;
    }

    @GET
    public Response list(@QueryParam("action") String action, @QueryParam("targetType") String targetType,
            @QueryParam("targetId") String targetId, @QueryParam("keyId") String keyId,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        AuditQuery query = new AuditQuery(blankToNull(action), targetType(targetType), blankToNull(targetId),
                parseKeyId(keyId));
        var page = audit.list(query, QueryParams.registerPageSize(limit), blankToNull(cursor));
        return PageLinks.withNext(Response.ok(page).header(HttpHeaders.CACHE_CONTROL, Caching.noStore()).build(), uri,
                page.next());
    }

    /** What the log records changes of; a filter naming anything else is a mistake, not an empty page. */
    private static String targetType(String raw) {
        String value = raw == null ? null : raw.trim();
        if (value != null && !TARGET_TYPES.contains(value)) {
            throw ProblemException.invalidQuery("targetType", "must be one of " + String.join(", ", TARGET_TYPES));
        }
        return value;
    }

    private static UUID parseKeyId(String keyId) {
        if (keyId == null || keyId.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(keyId.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidQuery("keyId", "must be a key id (a UUID)");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
