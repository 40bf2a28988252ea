import { useState } from "react";

export type LocationState = "idle" | "locating" | "found" | "denied" | "unavailable";

/**
 * "Use my location" for a form (progressive enhancement): the browser's position as strings with
 * five decimals (~1 m; the server rounds further where privacy asks), what happened when asked,
 * and a way to forget it. Starts "found" when the form already holds a position.
 */
export function useDeviceLocation(initial: { lat: string; lng: string }, options: { highAccuracy?: boolean } = {}) {
  const [location, setLocation] = useState(initial);
  const [locationState, setLocationState] = useState<LocationState>(initial.lat ? "found" : "idle");

  const locate = () => {
    if (!("geolocation" in navigator)) return setLocationState("unavailable");
    setLocationState("locating");
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocation({ lat: position.coords.latitude.toFixed(5), lng: position.coords.longitude.toFixed(5) });
        setLocationState("found");
      },
      (error) => setLocationState(error.code === error.PERMISSION_DENIED ? "denied" : "unavailable"),
      { enableHighAccuracy: options.highAccuracy ?? false, timeout: 15_000, maximumAge: 600_000 },
    );
  };
  const forget = () => {
    setLocation({ lat: "", lng: "" });
    setLocationState("idle");
  };
  return { location, locationState, locate, forget };
}
