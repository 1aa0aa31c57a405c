package dev.byline.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP methods each path of the API answers, read once from the JAX-RS resources, for the {@code Allow} header
 * of a 405 and of an OPTIONS response (RFC 9110 §9.3.7, §15.5.6): Quarkus REST reports a 405 without saying what is
 * allowed, and answers OPTIONS with every method it knows whatever the path serves.
 */
@ApplicationScoped
public class AllowedMethods {

    private static final Pattern PARAMETER = Pattern.compile("\\{\\s*\\w[\\w.-]*\\s*(?::\\s*((?:[^{}]|\\{[^{}]*})+))?}");

    private final List<Route> routes;

    public AllowedMethods(BeanManager beans) {
        routes = beans.getBeans(Object.class, Any.Literal.INSTANCE).stream()
                .map(Bean::getBeanClass)
                .filter(type -> type.isAnnotationPresent(Path.class))
                .distinct()
                .flatMap(type -> routesOf(type).stream())
                .toList();
    }

    /** The methods allowed on {@code path}, sorted; HEAD comes with GET and OPTIONS with anything, as Quarkus REST answers them. */
    public List<String> on(String path) {
        String normalised = path.startsWith("/") ? path : "/" + path;
        Set<String> methods = new TreeSet<>();
        for (Route route : routes) {
            if (route.path().matcher(normalised).matches()) {
                methods.add(route.method());
            }
        }
        if (methods.contains(HttpMethod.GET)) {
            methods.add(HttpMethod.HEAD);
        }
        if (!methods.isEmpty()) {
            methods.add(HttpMethod.OPTIONS);
        }
        return List.copyOf(methods);
    }

    /**
     * Answers OPTIONS on any path a resource serves with exactly its methods. Runs after {@link BrowserPolicy}, which
     * answers CORS preflights (OPTIONS with an Origin and Access-Control-Request-Method) itself.
     */
    void answerOptions(@Observes Router router) {
        router.route().order(RouteOrder.ALLOWED_METHODS).method(io.vertx.core.http.HttpMethod.OPTIONS).handler(context -> {
            List<String> allowed = on(context.normalizedPath());
            if (allowed.isEmpty()) {
                context.next();
                return;
            }
            context.response().putHeader(HttpHeaders.ALLOW, String.join(", ", allowed)).setStatusCode(200).end();
        });
    }

    private record Route(String method, Pattern path) {
    }

    private static List<Route> routesOf(Class<?> resource) {
        String root = resource.getAnnotation(Path.class).value();
        List<Route> routes = new ArrayList<>();
        for (Method method : resource.getMethods()) {
            String verb = httpMethod(method);
            if (verb != null) {
                Path sub = method.getAnnotation(Path.class);
                routes.add(new Route(verb, template(root + "/" + (sub == null ? "" : sub.value()))));
            }
        }
        return routes;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    /** A JAX-RS path template as a regular expression: {@code /a/{id}} matches {@code /a/42} and {@code /a/42/}. */
    private static Pattern template(String template) {
        String path = ("/" + template).replaceAll("/+", "/").replaceAll("(.)/$", "$1");
        StringBuilder regex = new StringBuilder();
        Matcher parameter = PARAMETER.matcher(path);
        int last = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(path.substring(last, parameter.start())));
            regex.append('(').append(parameter.group(1) == null ? "[^/]+" : parameter.group(1)).append(')');
            last = parameter.end();
        }
        regex.append(Pattern.quote(path.substring(last))).append("/?");
        return Pattern.compile(regex.toString());
    }
}
