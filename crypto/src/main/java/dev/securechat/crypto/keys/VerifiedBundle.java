package dev.securechat.crypto.keys;

/**
 * A {@link PublicBundle} whose signatures, keys and ages {@link PublicBundle#verify} checked for
 * the name that was asked for. Only that method makes one, so a session cannot start from an
 * unchecked bundle.
 */
public final class VerifiedBundle {
  private final PublicBundle bundle;

  VerifiedBundle(PublicBundle bundle) {
    this.bundle = bundle;
  }

  public PublicBundle bundle() {
    return bundle;
  }

  @Override
  public String toString() {
    return "VerifiedBundle[" + bundle.username() + "]";
  }
}
