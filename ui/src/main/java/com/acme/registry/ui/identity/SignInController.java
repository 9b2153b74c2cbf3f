package com.acme.registry.ui.identity;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class SignInController {

    @GetMapping("/login")
    String signIn(Authentication authentication, HttpServletRequest request, Model model) {
        Object retryAfter = request.getAttribute(FormSignInThrottle.RETRY_AFTER);
        if (retryAfter != null) { // forwarded by the throttle, status 429 set
            model.addAttribute("throttledMinutes", ((Long) retryAfter + 59) / 60);
            return "signin/login";
        }
        if (authentication != null && authentication.isAuthenticated()) {
            return "redirect:" + RoleStartPage.of(authentication);
        }
        return "signin/login";
    }

    @GetMapping("/")
    String start(Authentication authentication) {
        return "redirect:" + RoleStartPage.of(authentication);
    }
}
