package org.jsupervisor.supervisorctl;

import org.jsupervisor.common.PyRepr;
import org.jsupervisor.supervisorctl.server.ServerException;

/**
 * Text of the {@code error: ...} line printed for an error no command handles. Supervisor prints
 * the Python exception class and message followed by the source file and line; scripts match on
 * the class part, so that part is kept and the Python source location is left out.
 */
final class ErrorText {
    private ErrorText() {
    }

    static String describe(Exception e) {
        if (e instanceof ServerException.Fault f) {
            return "<class 'xmlrpc.client.Fault'>, <Fault " + f.code() + ": "
                    + PyRepr.of(f.faultString()) + ">";
        }
        if (e instanceof ServerException.Unreachable u) {
            switch (u.kind()) {
                case REFUSED:
                    return "<class 'ConnectionRefusedError'>, [Errno 111] Connection refused";
                case NO_SUCH_FILE:
                    return "<class 'FileNotFoundError'>, [Errno 2] No such file or directory";
                default:
                    return "<class 'OSError'>, " + u.getMessage();
            }
        }
        if (e instanceof ServerException.BadStatus b) {
            return "<class 'xmlrpc.client.ProtocolError'>, <ProtocolError for 127.0.0.1/RPC2: "
                    + b.status() + " " + b.reason() + ">";
        }
        if (e instanceof ServerException.AuthRequired) {
            return "<class 'xmlrpc.client.ProtocolError'>, <ProtocolError for 127.0.0.1/RPC2: 401"
                    + " Unauthorized>";
        }
        if (e instanceof ServerException.Protocol p) {
            return "<class 'xmlrpc.client.ProtocolError'>, " + p.getMessage();
        }
        if (e instanceof IllegalArgumentException) {
            return "<class 'ValueError'>, " + e.getMessage();
        }
        return "<class '" + e.getClass().getSimpleName() + "'>, " + e.getMessage();
    }
}
