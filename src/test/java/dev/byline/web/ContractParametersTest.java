package dev.byline.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.byline.Roles;
import dev.byline.support.Fixtures;
import dev.byline.support.Keys;
import io.restassured.http.ContentType;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * Rules every operation keeps, checked against the operations and parameters the contract lists, so that a new
 * operation is covered without anyone remembering: an empty number or choice is a 400 naming the parameter (never
 * silently the default), OPTIONS names exactly the methods a path has, and any other method is a 405 saying so.
 */
@QuarkusTest
class ContractParametersTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private static String admin;
    private static final Map<String, String> PATH_VALUES = new HashMap<>();

    /** A source, a published article and a comment on it, made once (REST Assured knows the port only in tests). */
    private static synchronized void resources() {
        if (admin != null) {
            return;
        }
        admin = Keys.issue(Roles.ADMIN);
        String source = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("slug", Fixtures.unique("src"), "name", "Agency", "kind", "wire-agency"))
                .when().post("/api/v1/sources").then().statusCode(201).extract().path("slug");
        String article = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("headline", "Parameters", "bodyText", "Text.", "section", "world", "tags", List.of("trade"),
                        "source", source))
                .when().post("/api/v1/articles").then().statusCode(201).extract().path("id");
        given().auth().oauth2(admin).when().post("/api/v1/articles/" + article + "/publish").then().statusCode(200);
        String comment = given().contentType(ContentType.JSON)
                .body(Map.of("authorName", "Ayesha", "body", "Parameters " + UUID.randomUUID()))
                .when().post("/api/v1/articles/" + article + "/comments").then().statusCode(201).extract().path("id");
        PATH_VALUES.putAll(Map.of("idOrSlug", article, "slug", source, "section", "world", "tag", "trade",
                "source", source, "file", "rss.xml"));
        PATH_VALUES.put("id", comment);
    }

    record Parameter(String name, boolean choice) {
    }

    record Operation(String method, String path, List<Parameter> query) {
        String concretePath(Map<String, String> values) {
            String concrete = path;
            for (var value : values.entrySet()) {
                concrete = concrete.replace("{" + value.getKey() + "}", value.getValue());
            }
            return concrete.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        }
    }

    @TestFactory
    Stream<DynamicTest> anEmptyNumberOrChoiceIsABadRequestNamingTheParameter() throws IOException {
        resources();
        List<DynamicTest> tests = new ArrayList<>();
        for (Operation op : operations()) {
            for (Parameter parameter : op.query()) {
                if (parameter.choice()) {
                    tests.add(DynamicTest.dynamicTest(op.method() + " " + op.path() + "?" + parameter.name() + "=",
                            () -> given().auth().oauth2(admin).queryParam(parameter.name(), "")
                                    .when().request(op.method().toUpperCase(), op.concretePath(PATH_VALUES))
                                    .then().statusCode(400)
                                    .contentType("application/problem+json")
                                    .body("errors[0].in", equalTo("query"))
                                    .body("errors[0].field", equalTo(parameter.name()))));
                }
            }
        }
        assertFalse(tests.isEmpty(), "the contract lists no numeric or enumerated query parameters");
        return tests.stream();
    }

    @Test
    void theRefusalOfEmptyValuesKnowsEveryNumberAndChoiceOfTheContract() throws IOException {
        Set<String> choices = new TreeSet<>();
        Set<String> others = new TreeSet<>();
        for (Operation op : operations()) {
            op.query().forEach(parameter -> (parameter.choice() ? choices : others).add(parameter.name()));
        }
        assertEquals(choices, new TreeSet<>(EmptyParameterRefusal.NUMBERS_AND_CHOICES));
        others.retainAll(choices);
        assertEquals(Set.of(), others, "a name is a number or choice in one operation and free text in another");
    }

    @TestFactory
    Stream<DynamicTest> optionsNamesExactlyTheMethodsOfEachPath() throws IOException {
        return allowedByPath().entrySet().stream().map(path -> DynamicTest.dynamicTest("OPTIONS " + path.getKey(),
                () -> given().when().options(concrete(path.getKey()))
                        .then().statusCode(200)
                        .header("Allow", equalTo(String.join(", ", path.getValue())))));
    }

    @TestFactory
    Stream<DynamicTest> anyOtherMethodIs405WithAllow() throws IOException {
        resources();
        return allowedByPath().entrySet().stream().flatMap(path -> METHODS.stream()
                .filter(method -> !path.getValue().contains(method.toUpperCase()))
                .map(method -> DynamicTest.dynamicTest(method.toUpperCase() + " " + path.getKey(),
                        () -> given().auth().oauth2(admin).contentType(ContentType.JSON).body("{}")
                                .when().request(method.toUpperCase(), concrete(path.getKey()))
                                .then().statusCode(405)
                                .contentType("application/problem+json")
                                .header("Allow", equalTo(String.join(", ", path.getValue())))
                                .body("detail", containsString(String.join(", ", path.getValue()))))));
    }

    /** Each documented path with the methods it must allow: its operations, HEAD with GET, and OPTIONS. */
    private static Map<String, Set<String>> allowedByPath() throws IOException {
        Map<String, Set<String>> allowed = new java.util.TreeMap<>();
        for (Operation op : operations()) {
            Set<String> methods = allowed.computeIfAbsent(op.path(), p -> new TreeSet<>(Set.of("OPTIONS")));
            methods.add(op.method().toUpperCase());
            if (op.method().equals("get")) {
                methods.add("HEAD");
            }
        }
        return allowed;
    }

    /** A path with values that pass any pattern its parameters have (an unknown resource is fine here). */
    private static String concrete(String path) {
        return path.replace("{file}", "rss.xml").replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    }

    @SuppressWarnings("unchecked")
    private static List<Operation> operations() throws IOException {
        Map<String, Object> spec = new Yaml().load(Files.readString(Path.of("openapi.yaml")));
        Map<String, Object> components = (Map<String, Object>) spec.get("components");
        List<Operation> operations = new ArrayList<>();
        ((Map<String, Map<String, Object>>) spec.get("paths")).forEach((path, item) -> item.forEach((method, value) -> {
            if (!METHODS.contains(method)) {
                return;
            }
            List<Map<String, Object>> declared = new ArrayList<>(
                    (List<Map<String, Object>>) item.getOrDefault("parameters", List.of()));
            declared.addAll((List<Map<String, Object>>) ((Map<String, Object>) value).getOrDefault("parameters", List.of()));
            List<Parameter> query = new ArrayList<>();
            for (Map<String, Object> parameter : declared) {
                Map<String, Object> resolved = resolve(components, parameter);
                if ("query".equals(resolved.get("in"))) {
                    Map<String, Object> schema = resolve(components, (Map<String, Object>) resolved.get("schema"));
                    boolean choice = schema.containsKey("enum") || "integer".equals(schema.get("type"))
                            || "number".equals(schema.get("type")) || "boolean".equals(schema.get("type"));
                    query.add(new Parameter((String) resolved.get("name"), choice));
                }
            }
            operations.add(new Operation(method, path, query));
        }));
        return operations;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resolve(Map<String, Object> components, Map<String, Object> node) {
        Object ref = node.get("$ref");
        if (ref == null) {
            return node;
        }
        String[] parts = ref.toString().split("/"); // #/components/<kind>/<name>
        return resolve(components, (Map<String, Object>) ((Map<String, Object>) components.get(parts[2])).get(parts[3]));
    }
}
