package io.pressroom.web.http.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The served OpenAPI document, assembled once at start: {@code openapi/base.yaml} (info,
 * servers, security schemes, shared components such as {@code Problem}) plus every other
 * {@code openapi/*.yaml} fragment on the classpath next to it, in name order. A fragment holds
 * {@code paths:} and optionally {@code components:} (schemas, parameters, responses…) and
 * {@code tags:}. The fragments are found by listing the directory (or jar folder) that holds
 * {@code base.yaml}, so adding a fragment file is all a resource needs; a path+method or a
 * component defined twice (differently) fails the assembly, naming both files.
 */
public final class OpenApiDocument {

    public static final String FOLDER = "openapi/";
    public static final String BASE = "base.yaml";

    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .build())
            .build();
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode document;
    private final List<String> fragments;
    private final String yaml;
    private final String json;

    private OpenApiDocument(ObjectNode document, List<String> fragments) {
        this.document = document;
        this.fragments = List.copyOf(fragments);
        try {
            this.yaml = YAML.writeValueAsString(document);
            this.json = JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the OpenAPI document", e);
        }
    }

    /** Assembles the document from the classpath of {@code loader}. */
    public static OpenApiDocument load(ClassLoader loader) {
        URL base = loader.getResource(FOLDER + BASE);
        if (base == null) {
            throw new IllegalStateException("missing classpath resource " + FOLDER + BASE);
        }
        List<String> names = fragmentNames(base);
        ObjectNode doc = read(loader, BASE);
        for (String name : names) {
            merge(doc, read(loader, name), name);
        }
        return new OpenApiDocument(doc, names);
    }

    public static OpenApiDocument load() {
        return load(OpenApiDocument.class.getClassLoader());
    }

    /** The assembled tree (a copy). */
    public ObjectNode tree() {
        return document.deepCopy();
    }

    /** The fragment file names merged into the base, in merge order. */
    public List<String> fragments() {
        return fragments;
    }

    public String yaml() {
        return yaml;
    }

    public String json() {
        return json;
    }

    /** Every documented operation as {@code "GET /api/x/{id}"}. */
    public TreeSet<String> operations() {
        TreeSet<String> ops = new TreeSet<>();
        JsonNode paths = document.path("paths");
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next();
                if (HTTP_METHODS.contains(method)) {
                    ops.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        return ops;
    }

    private static final List<String> HTTP_METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    static void merge(ObjectNode doc, ObjectNode fragment, String name) {
        for (Iterator<String> keys = fragment.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!List.of("paths", "components", "tags").contains(key)) {
                throw new IllegalStateException("OpenAPI fragment " + name + ": unexpected top-level key '" + key
                        + "' (a fragment holds paths, components and tags only)");
            }
        }
        ObjectNode paths = doc.with("paths");
        for (Iterator<Map.Entry<String, JsonNode>> it = fragment.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = paths.get(e.getKey());
            if (existing == null) {
                paths.set(e.getKey(), e.getValue().deepCopy());
                continue;
            }
            ObjectNode target = (ObjectNode) existing;
            for (Iterator<Map.Entry<String, JsonNode>> ops = e.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (target.has(op.getKey())) {
                    throw new IllegalStateException("OpenAPI fragment " + name + ": " + op.getKey() + " " + e.getKey()
                            + " is already documented by another fragment");
                }
                target.set(op.getKey(), op.getValue().deepCopy());
            }
        }
        JsonNode components = fragment.path("components");
        for (Iterator<Map.Entry<String, JsonNode>> kinds = components.fields(); kinds.hasNext(); ) {
            Map.Entry<String, JsonNode> kind = kinds.next();
            ObjectNode target = doc.with("components").with(kind.getKey());
            for (Iterator<Map.Entry<String, JsonNode>> it = kind.getValue().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> c = it.next();
                JsonNode existing = target.get(c.getKey());
                if (existing != null && !existing.equals(c.getValue())) {
                    throw new IllegalStateException("OpenAPI fragment " + name + ": components." + kind.getKey() + "."
                            + c.getKey() + " is already defined differently (by the base or another fragment)");
                }
                target.set(c.getKey(), c.getValue().deepCopy());
            }
        }
        if (fragment.has("tags")) {
            ArrayNode tags = doc.withArray("tags");
            for (JsonNode tag : fragment.get("tags")) {
                boolean known = false;
                for (JsonNode t : tags) {
                    known |= t.path("name").equals(tag.path("name"));
                }
                if (!known) {
                    tags.add(tag.deepCopy());
                }
            }
        }
    }

    private static ObjectNode read(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + FOLDER + name);
            }
            JsonNode node = YAML.readTree(in);
            if (node == null || node.isMissingNode() || node.isNull()) {
                return YAML.createObjectNode();
            }
            if (!node.isObject()) {
                throw new IllegalStateException("OpenAPI fragment " + name + " is not a YAML mapping");
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read OpenAPI fragment " + name + ": " + e.getMessage(), e);
        }
    }

    /** Lists {@code *.yaml} beside {@code base.yaml}, in a directory or inside a (shaded) jar. */
    static List<String> fragmentNames(URL base) {
        List<String> names = new ArrayList<>();
        try {
            switch (base.getProtocol()) {
                case "file" -> {
                    Path dir = Path.of(base.toURI()).getParent();
                    try (Stream<Path> files = Files.list(dir)) {
                        files.map(p -> p.getFileName().toString()).forEach(names::add);
                    }
                }
                case "jar" -> {
                    String spec = base.getPath(); // file:/x/pressroom.jar!/openapi/base.yaml
                    String jarPath = spec.substring(0, spec.indexOf("!/"));
                    try (JarFile jar = new JarFile(Path.of(new URI(jarPath)).toFile())) {
                        for (JarEntry entry : Collections.list(jar.entries())) {
                            String n = entry.getName();
                            if (n.startsWith(FOLDER) && !entry.isDirectory() && n.indexOf('/', FOLDER.length()) < 0) {
                                names.add(n.substring(FOLDER.length()));
                            }
                        }
                    }
                }
                default -> throw new IllegalStateException("cannot list OpenAPI fragments at " + base);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list OpenAPI fragments at " + base, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot list OpenAPI fragments at " + base, e);
        }
        return names.stream().filter(n -> n.endsWith(".yaml") && !n.equals(BASE)).sorted().toList();
    }
}
