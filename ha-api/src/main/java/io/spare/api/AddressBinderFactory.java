package io.spare.api;

/** Creates the {@link AddressBinder} that adds, removes and announces virtual addresses. */
public interface AddressBinderFactory extends NamedFactory {
    AddressBinder create(PluginContext context);
}
