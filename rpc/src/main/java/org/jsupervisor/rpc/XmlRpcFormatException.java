package org.jsupervisor.rpc;

import java.io.IOException;

/**
 * The bytes are not an acceptable XML-RPC document: not well-formed XML, not UTF-8 where
 * they claim to be, a DTD or entity, too big, too deeply nested, or not XML-RPC.
 *
 * <p>A server answers this with HTTP 400 (as Supervisor answers unmarshallable requests);
 * a client reports the server as broken.
 */
public class XmlRpcFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public XmlRpcFormatException(String message) {
        super(message);
    }

    public XmlRpcFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
