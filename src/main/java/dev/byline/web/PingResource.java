package dev.byline.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

@Path("/api/v1/ping")
public class PingResource {
    @GET
    public String ping() { return "pong"; }
}
