package com.acme.registry.ui.signin;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class SignInController {

    @GetMapping("/login")
    String signIn(Authentication authentication) {
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
