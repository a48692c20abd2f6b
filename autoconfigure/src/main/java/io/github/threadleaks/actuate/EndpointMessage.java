package io.github.threadleaks.actuate;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * A short JSON answer: what went wrong with a request, or what a write did.
 *
 * @param status the HTTP status
 * @param error the status reason
 * @param message what was wrong, in words a user can act on
 */
public record EndpointMessage(int status, String error, String message) implements OperationResponseBody {

}
