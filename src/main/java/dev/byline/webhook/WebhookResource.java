package dev.byline.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.byline.Roles;
import dev.byline.web.IfMatch;
import dev.byline.web.ApiLinks;
import dev.byline.web.Caching;
import dev.byline.web.MergePatch;
import dev.byline.web.PageLinks;
import dev.byline.web.ProblemException;
import dev.byline.web.QueryParams;
import dev.byline.web.Representations;
import dev.byline.web.Uuids;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;

/** Partners subscribe URLs to the change feed, read each subscription's delivery log and ask for redeliveries. */
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PARTNER, Roles.ADMIN})
public class WebhookResource {

    private final WebhookService webhooks;
    private final Representations representations;
    private final MergePatch mergePatch;

    public WebhookResource(WebhookService webhooks, Representations representations, MergePatch mergePatch) {
        this.webhooks = webhooks;
        this.representations = representations;
        this.mergePatch = mergePatch;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(WebhookInput input, @Context UriInfo uri) {
        WebhookView webhook = webhooks.create(input, uri.getBaseUri());
        return representations.of(webhook).version(webhook.version()).written()
                .status(Response.Status.CREATED)
                .location(ApiLinks.webhook(uri.getBaseUri(), webhook.id()))
                .build();
    }

    @GET
    public Response list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        var page = webhooks.list(QueryParams.pageSize(limit), blankToNull(cursor));
        return PageLinks.withNext(Response.ok(page).header(HttpHeaders.CACHE_CONTROL, Caching.noStore()).build(), uri,
                page.next());
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id, @Context HttpHeaders request) {
        WebhookView webhook = webhooks.get(parseId(id));
        return representations.of(webhook).version(webhook.version()).cache(Caching.noStore())
                .answer(request);
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    public Response update(@PathParam("id") String id, JsonNode patch, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch)
            throws JsonProcessingException {
        WebhookView webhook = webhooks.update(parseId(id), mergePatch.read(patch, WebhookPatch.class), IfMatch.of(ifMatch));
        return representations.of(webhook).version(webhook.version()).written().build();
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        webhooks.delete(parseId(id), IfMatch.of(ifMatch));
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/resume")
    public Response resume(@PathParam("id") String id) {
        WebhookView webhook = webhooks.resume(parseId(id));
        return representations.of(webhook).version(webhook.version()).written().build();
    }

    @GET
    @Path("/{id}/deliveries")
    public Response deliveries(@PathParam("id") String id, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        var page = webhooks.deliveries(parseId(id), QueryParams.pageSize(limit), blankToNull(cursor));
        return PageLinks.withNext(Response.ok(page).header(HttpHeaders.CACHE_CONTROL, Caching.noStore()).build(), uri,
                page.next());
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/redeliver")
    public Response redeliver(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId,
            @Context UriInfo uri) {
        UUID subscription = parseId(id);
        WebhookRedelivery redelivery = webhooks.redeliver(subscription, parseDeliveryId(deliveryId));
        return Response.accepted(redelivery)
                .location(ApiLinks.deliveries(uri.getBaseUri(), subscription))
                .header(HttpHeaders.CACHE_CONTROL, Caching.noStore())
                .build();
    }

    private static UUID parseId(String id) {
        return Uuids.parse(id).orElseThrow(() -> ProblemException.invalid("path", "id", "must be a webhook id (a UUID)"));
    }

    private static long parseDeliveryId(String id) {
        try {
            long value = Long.parseLong(id);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.invalid("path", "deliveryId", "must be the id of a delivery in this webhook's log (a positive whole number)");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
