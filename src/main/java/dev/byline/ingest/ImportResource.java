package dev.byline.ingest;

import dev.byline.Roles;
import dev.byline.web.ApiLinks;
import dev.byline.web.Caching;
import dev.byline.web.ProblemException;
import dev.byline.web.Representations;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;

/**
 * HTTP face of imports: wire copy in any of the documented media types becomes drafts. Every media type arrives here,
 * so that one the import cannot read gets a 415 that lists those it can.
 */
@Path("/api/v1/imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    private final ImportService imports;
    private final Representations representations;

    public ImportResource(ImportService imports, Representations representations) {
        this.imports = imports;
        this.representations = representations;
    }

    @POST
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    @Consumes(MediaType.WILDCARD)
    public Response importWireCopy(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_LANGUAGE) String contentLanguage, @Context UriInfo uri) throws IOException {
        ImportForm form = ImportForm.of(contentType);
        Language fallback = contentLanguage == null || contentLanguage.isBlank() ? Language.DEFAULT
                : Language.normalise(contentLanguage)
                        .map(tag -> new Language(tag, "the request's Content-Language"))
                        .orElseThrow(() -> ProblemException.invalid("header", HttpHeaders.CONTENT_LANGUAGE,
                                "must be one BCP 47 language tag such as en, en-GB or ru"));
        if (form.isFeed()) {
            return json(Response.ok(), imports.importFeed(form, body, fallback));
        }
        ImportResult result = imports.importStory(form, body, fallback);
        if (result.outcome() == ImportOutcome.CREATED) {
            return json(Response.status(Response.Status.CREATED)
                    .location(ApiLinks.article(uri.getBaseUri(), result.articleId())), result);
        }
        return json(Response.ok(), result);
    }

    private Response json(Response.ResponseBuilder response, Object body) {
        return response.entity(representations.json(body))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, Caching.noStore())
                .build();
    }
}
