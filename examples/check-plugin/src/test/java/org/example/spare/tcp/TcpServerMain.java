package org.example.spare.tcp;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A TCP server for the integration test: accepts and closes connections until killed. */
public final class TcpServerMain {
    private TcpServerMain() {}

    public static void main(String[] args) throws Exception {
        try (ServerSocket server = new ServerSocket(Integer.parseInt(args[1]), 50, InetAddress.getByName(args[0]))) {
            System.out.println("listening");
            while (true) {
                try (Socket client = server.accept()) {
                    client.getOutputStream().flush();
                }
            }
        }
    }
}
