package io.pressroom.web;

public final class Main {
    public static void main(String[] args) {
        System.out.println("pressroom");
    }
}
