package io.spare.engine.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.spare.api.ConfigProblem;
import io.spare.api.DidYouMean;
import io.spare.api.PluginConfigException;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Binds a plugin's block to the plugin's own class with Jackson, by the rules of {@code
 * PluginConfig.bind}: snake_case keys for camelCase record components, durations as in {@code
 * spare.yaml}, case-insensitive enums, {@code Optional}s, unknown keys refused with a "did you mean".
 *
 * <p>Jackson stops at the first problem; so records are first walked key by key, each value tried on
 * its own, and every problem is collected. Only a block that passes is bound as a whole.
 */
final class PluginConfigBinder {
    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private final ObjectMapper mapper;

    PluginConfigBinder() {
        SimpleModule durations = new SimpleModule("spare-durations");
        durations.addDeserializer(Duration.class, new DurationDeserializer());
        this.mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .addModule(new Jdk8Module())
                .addModule(durations)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .build();
    }

    /**
     * @param tree the block
     * @param scalarText the scalar as written, by key relative to the block, for strings YAML read as numbers
     */
    <T> T bind(ObjectNode tree, Class<T> type, java.util.function.Function<String, Optional<String>> scalarText)
            throws PluginConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        JavaType javaType = mapper.constructType(type);
        JsonNode normalized = check(javaType, tree, "", problems, scalarText);
        if (!problems.isEmpty()) {
            throw new PluginConfigException(problems);
        }
        try {
            return mapper.treeToValue(normalized, javaType);
        } catch (ValueInstantiationException e) {
            // the plugin's own constructor refused a value
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new PluginConfigException(pathOf(e), String.valueOf(cause.getMessage()));
        } catch (JsonMappingException e) {
            throw new PluginConfigException(pathOf(e), message(e, javaType));
        } catch (IOException e) {
            throw new PluginConfigException("", e.getMessage());
        }
    }

    /** Checks {@code node} against {@code type}, collecting problems; returns the node with strings as written. */
    private JsonNode check(JavaType type, JsonNode node, String path, List<ConfigProblem> problems,
            java.util.function.Function<String, Optional<String>> scalarText) {
        if (node.isNull()) {
            return node;
        }
        Class<?> raw = type.getRawClass();
        if (raw.isRecord()) {
            return checkRecord(type, node, path, problems, scalarText);
        }
        if (type.isReferenceType()) {
            return check(type.getReferencedType(), node, path, problems, scalarText);
        }
        if (type.isCollectionLikeType()) {
            ArrayNode items = JsonNodeFactory.instance.arrayNode();
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    items.add(check(type.getContentType(), node.get(i), SourceMap.item(path, i), problems, scalarText));
                }
                return items;
            }
            if (node.isObject()) {
                problems.add(new ConfigProblem(path, "expected a list, found a mapping"));
                return node;
            }
            return check(type.getContentType(), node, path, problems, scalarText); // a single value is a list of one
        }
        if (type.isMapLikeType()) {
            if (!node.isObject()) {
                problems.add(new ConfigProblem(path, "expected a mapping, found " + describe(node)));
                return node;
            }
            ObjectNode entries = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                entries.set(entry.getKey(),
                        check(type.getContentType(), entry.getValue(), SourceMap.child(path, entry.getKey()), problems, scalarText));
            }
            return entries;
        }
        JsonNode leaf = node;
        if (raw == String.class && (node.isNumber() || node.isBoolean())) {
            leaf = TextNode.valueOf(scalarText.apply(path).orElse(node.asText()));
        }
        if (raw.isEnum() && node.isTextual()) {
            leaf = enumConstant(raw, node.textValue()).<JsonNode>map(TextNode::valueOf).orElse(leaf);
        }
        try {
            mapper.treeToValue(leaf, type);
        } catch (JsonMappingException e) {
            problems.add(new ConfigProblem(path, Scalars.isSecret(path) ? "expected " + expected(type) : message(e, type)));
        } catch (IOException | IllegalArgumentException e) {
            problems.add(new ConfigProblem(path, "expected " + expected(type)
                    + (Scalars.isSecret(path) ? "" : ", found " + describe(node))));
        }
        return leaf;
    }

    private JsonNode checkRecord(JavaType type, JsonNode node, String path, List<ConfigProblem> problems,
            java.util.function.Function<String, Optional<String>> scalarText) {
        if (!node.isObject()) {
            problems.add(new ConfigProblem(path, "expected a mapping, found " + describe(node)));
            return node;
        }
        Map<String, RecordComponent> components = new LinkedHashMap<>();
        for (RecordComponent component : type.getRawClass().getRecordComponents()) {
            components.put(SNAKE_CASE.translate(component.getName()), component);
        }
        ObjectNode checked = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String key = entry.getKey();
            String keyPath = SourceMap.child(path, key);
            RecordComponent component = components.get(key);
            if (component == null) {
                problems.add(new ConfigProblem(keyPath, unknownKey(key, components.keySet())));
                continue;
            }
            JavaType componentType = mapper.getTypeFactory().constructType(component.getGenericType());
            checked.set(key, check(componentType, entry.getValue(), keyPath, problems, scalarText));
        }
        return checked;
    }

    /** {@code fail-open}, {@code FAIL_OPEN} and {@code Fail_Open} all name {@code FAIL_OPEN}. */
    private static Optional<String> enumConstant(Class<?> type, String text) {
        String wanted = text.trim().replace('-', '_');
        return Arrays.stream(type.getEnumConstants())
                .map(constant -> ((Enum<?>) constant).name())
                .filter(name -> name.equalsIgnoreCase(wanted))
                .findFirst();
    }

    static String unknownKey(String key, java.util.Collection<String> known) {
        String hint = DidYouMean.hint(key, known);
        if (hint.isEmpty()) {
            hint = known.isEmpty() ? "; this block takes no keys" : "; expected one of " + String.join(", ", known);
        }
        return "unknown key `" + key + "`" + hint;
    }

    private static String message(JsonMappingException e, JavaType type) {
        Class<?> target = targetType(e, type);
        if (target.isEnum()) {
            List<String> names = Arrays.stream(target.getEnumConstants()).map(c -> ((Enum<?>) c).name().toLowerCase()).toList();
            String found = e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException invalid
                    ? "'" + invalid.getValue() + "'" : "another value";
            return "expected one of " + String.join(", ", names) + " (was " + found + ")"
                    + DidYouMean.hint(String.valueOf(found.replace("'", "")), names);
        }
        String found = e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException invalid && invalid.getValue() != null
                ? "'" + invalid.getValue() + "'" : null;
        if (e.getCause() instanceof IllegalArgumentException cause && target == Duration.class) {
            return cause.getMessage();
        }
        return "expected " + expected(target) + (found == null ? "" : ", found " + found);
    }

    private static Class<?> targetType(JsonMappingException e, JavaType fallback) {
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return mismatch.getTargetType();
        }
        return fallback.getRawClass();
    }

    private static String expected(JavaType type) {
        return expected(type.isReferenceType() ? type.getReferencedType().getRawClass() : type.getRawClass());
    }

    private static String expected(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class || type == short.class
                || type == Short.class || type == OptionalInt.class || type == OptionalLong.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class || type == OptionalDouble.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == Duration.class) {
            return Durations.EXPECTED;
        }
        if (type == Path.class) {
            return "a file path";
        }
        if (type.isEnum()) {
            return "one of " + String.join(", ", Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name().toLowerCase()).toList());
        }
        if (type.isRecord()) {
            return "a mapping";
        }
        return "a " + type.getSimpleName();
    }

    private static String describe(JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.isTextual() ? "'" + node.textValue() + "'" : node.asText();
    }

    /** Jackson's reference chain as a dotted key path relative to the block. */
    private static String pathOf(JsonMappingException e) {
        String path = "";
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path = SourceMap.child(path, reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path = SourceMap.item(path, reference.getIndex());
            }
        }
        return path;
    }

    /** {@code 2s}, {@code 500ms}, {@code 1.5s}, {@code 1m}, or a number of seconds. */
    private static final class DurationDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonToken token = parser.currentToken();
            try {
                if (token == JsonToken.VALUE_STRING) {
                    return Durations.parse(parser.getText());
                }
                if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                    return Durations.ofSeconds(parser.getDecimalValue());
                }
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(parser, e.getMessage(), e);
            }
            return (Duration) context.handleUnexpectedToken(Duration.class, parser);
        }
    }
}
