package org.erpcampaigns.platform.boundary;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Reads the JSON object that a resource method takes. Jersey's own reader hands an array or a
 * string to a method that takes an object, which fails outside every exception mapper (an HTML
 * error page); here any body that is not an object is a 400 with a message in the caller's
 * language: no body, not JSON (with the line and column), nested too deep, or not an object. A JSON
 * {@code null} is passed on as null, which every such method refuses with its own message.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
public class JsonObjectReader implements MessageBodyReader<JsonObject> {
  @Context HttpHeaders headers;

  @Override
  public boolean isReadable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return type == JsonObject.class;
  }

  @Override
  public JsonObject readFrom(
      Class<JsonObject> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, String> httpHeaders,
      InputStream entityStream) {
    try {
      PushbackInputStream in = new PushbackInputStream(entityStream);
      int first = in.read();
      if (first == -1) {
        throw refused("error.bodyEmpty");
      }
      in.unread(first);
      JsonValue value = parse(new InputStreamReader(in, charset(mediaType)));
      if (value.getValueType() == JsonValue.ValueType.NULL) {
        return null;
      }
      if (value instanceof JsonObject o) {
        return o;
      }
      throw refused("error.bodyShape");
    } catch (java.io.IOException e) {
      throw refused("error.bodyInvalid");
    }
  }

  private JsonValue parse(Reader body) {
    try (JsonReader reader = Json.createReader(body)) {
      return reader.readValue();
    } catch (JsonParsingException e) {
      JsonLocation at = e.getLocation();
      throw at != null && at.getLineNumber() > 0
          ? refused("error.body", at.getLineNumber(), at.getColumnNumber())
          : refused("error.bodyInvalid");
    } catch (RuntimeException e) {
      // JsonException, and the plain RuntimeException Parsson throws past 1000 levels of nesting
      throw refused("error.bodyInvalid");
    }
  }

  private BadRequestException refused(String key, Object... args) {
    return new BadRequestException(
        ApiError.response(Response.Status.BAD_REQUEST, headers, key, args));
  }

  private static Charset charset(MediaType mediaType) {
    String name =
        mediaType == null ? null : mediaType.getParameters().get(MediaType.CHARSET_PARAMETER);
    try {
      return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
    } catch (IllegalArgumentException e) {
      return StandardCharsets.UTF_8;
    }
  }
}
